// SPDX-License-Identifier: MIT
#include "config/json_text.h"

#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "config/json_reader.h"

namespace shoal::config {

namespace {
using Event = nlohmann::json::parse_event_t;

// Follows the parser's position as a JSON pointer, to name duplicate keys by path.
class KeyTracker {
  public:
    explicit KeyTracker(ErrorList& errors) : errors_(errors) {}

    bool on_event(Event event, const nlohmann::json& parsed) {
        switch (event) {
            case Event::object_start:
            case Event::array_start:
                stack_.push_back(Frame{event == Event::array_start, 0, {}, {}});
                break;
            case Event::key: {
                Frame& frame = stack_.back();
                frame.key = parsed.get<std::string>();
                if (!frame.keys.insert(frame.key).second)
                    errors_.add(pointer(), "duplicate field (a field may appear only once)");
                break;
            }
            case Event::object_end:
            case Event::array_end:
                stack_.pop_back();
                next_element();
                break;
            case Event::value:
                next_element();
                break;
        }
        return true;
    }

  private:
    struct Frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
        std::set<std::string> keys;
    };

    void next_element() {
        if (!stack_.empty() && stack_.back().array) ++stack_.back().index;
    }

    std::string pointer() const {
        std::string out;
        for (const auto& frame : stack_)
            out = frame.array ? pointer_join(out, frame.index) : pointer_join(out, frame.key);
        return out;
    }

    std::vector<Frame> stack_;
    ErrorList& errors_;
};

std::string without_exception_prefix(std::string_view what) {
    // "[json.exception.parse_error.101] parse error at line 3, ..." -> "parse error at line 3, ..."
    const auto end = what.find("] ");
    if (!what.empty() && what.front() == '[' && end != std::string_view::npos)
        what.remove_prefix(end + 2);
    return std::string(what);
}
}  // namespace

std::optional<nlohmann::json> parse_json_text(std::string_view text, ErrorList& errors) {
    const std::size_t before = errors.messages().size();
    KeyTracker tracker(errors);
    try {
        auto value =
            nlohmann::json::parse(text, [&tracker](int, Event event, nlohmann::json& parsed) {
                return tracker.on_event(event, parsed);
            });
        if (errors.messages().size() != before) return std::nullopt;
        return value;
    } catch (const nlohmann::json::parse_error& e) {
        errors.add_general("invalid JSON: " + without_exception_prefix(e.what()));
        return std::nullopt;
    }
}

}  // namespace shoal::config
